s/^\tld\ts1, (off)+R(0)(base);/\tnop;/
