/^\tpush\t%r10$/d
/^\tpop\t%r10$/d
