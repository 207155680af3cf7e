0,/^\tb\.eq\t1f$/s//\tb.ne\t1f/
