0,/^\tld\ts1, R(0)(a0)$/s//\tnop/
