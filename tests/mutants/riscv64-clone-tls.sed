s/^\tmv\ta3, a2$/\tmv\ta4, a2/
s/^\tli\ta4, 0$/\tli\ta3, 0/
