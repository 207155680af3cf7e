/^\tlgr\t%r0, %r2$/d
/^\tlgr\t%r2, %r3$/d
/^\tlgr\t%r3, %r0$/d
