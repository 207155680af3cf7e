0,/^\tmov\tx1, sp$/s//\tadd\tx1, sp, #16/
