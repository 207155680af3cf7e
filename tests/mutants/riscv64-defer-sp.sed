s/^\tsd\tsp, GOBUF_SP(a0)$/\tsd\ts0, GOBUF_SP(a0)/
