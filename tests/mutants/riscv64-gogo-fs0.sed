s/^\tfld\tfs0, R(11)(a0)$/\tnop/
