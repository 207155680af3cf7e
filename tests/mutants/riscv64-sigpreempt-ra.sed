s/^\t\*(uintptr \*)sp = \*ucreg(uc, UC_RA);$/\t*(uintptr *)sp = *ucreg(uc, UC_PC);/
