s/^\tmov\tx3, x2$/\tadd\tx3, x2, #8/
