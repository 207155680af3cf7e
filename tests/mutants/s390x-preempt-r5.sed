s/^\tlmg\t%r0, %r5, GPRS(%r15)$/\tlmg\t%r0, %r4, GPRS(%r15)/
