s/"mov %%fs:0, %0" : "=r"(gp)/"mov %%fs:8, %0" : "=r"(gp)/
