s/^\tfscsr\tt0$/\tfsflags\tt0/
