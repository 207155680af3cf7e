s/^\tsd\ts11, R(10)(a0)$/\tsd\ts10, R(10)(a0)/
