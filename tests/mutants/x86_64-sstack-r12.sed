/^\tpush\t%r12$/d
/^\tpop\t%r12$/d
