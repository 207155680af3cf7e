s/^\tfld\tf10, 304(sp)$/\tnop/
