s/^\tlea\t8(%rsp), %rcx$/\tlea\t16(%rsp), %rcx/
