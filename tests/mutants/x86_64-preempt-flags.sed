/^\tpushfq$/d
/^\tpopfq$/d
