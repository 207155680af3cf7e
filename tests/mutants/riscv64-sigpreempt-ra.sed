s/^\t\*(uintptr \*)sp = \*ucreg(uc, UC_LR);$/\t*(uintptr *)sp = *ucreg(uc, UC_PC);/
