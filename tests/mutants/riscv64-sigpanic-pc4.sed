s/^\t\*ucreg(uc, UC_LR) = \*ucreg(uc, UC_PC);$/\t*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC) + 4;/
