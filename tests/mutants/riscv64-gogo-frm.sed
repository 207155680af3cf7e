s/^\tfscsr\ttmp$/\tfsflags\ttmp/
