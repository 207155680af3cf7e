s/^\tlfpc\t(off)+R(16)+4(base)$/\tnopr\t%r0/
