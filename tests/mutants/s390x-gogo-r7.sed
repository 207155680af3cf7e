s/^\tlmg\t%r6, %r13, (off)+R(0)(base);/\tlmg\t%r6, %r6, (off)+R(0)(base); lmg %r8, %r13, (off)+R(2)(base);/
