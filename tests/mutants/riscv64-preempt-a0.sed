s/^\tld\tx10, 48(sp)$/\tnop/
