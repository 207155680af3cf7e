s/^\tb\.eq\t1f;/\tb.ne\t1f;/
