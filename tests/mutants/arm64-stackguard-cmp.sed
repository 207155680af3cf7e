s/sp < \*(volatile/sp > *(volatile/
