s/^\tfld\tfs0, (off)+R(11)(base);/\tnop;/
