s/^\tSAVEREGS(a0, 0, t0)$/&\n\tsd\ts10, R(10)(a0)/
