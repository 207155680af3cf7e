s/^\tld\t%f8, (off)+R(8)(base);/\tnopr\t%r0;/
