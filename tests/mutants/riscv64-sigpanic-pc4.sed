s/^\t\*ucreg(uc, UC_RA) = \*ucreg(uc, UC_PC);$/\t*ucreg(uc, UC_RA) = *ucreg(uc, UC_PC) + 4;/
