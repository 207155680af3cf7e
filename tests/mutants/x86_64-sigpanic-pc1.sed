s/^\t\*(uintptr \*)sp = \*ucreg(uc, UC_PC);$/\t*(uintptr *)sp = *ucreg(uc, UC_PC) + 1;/
