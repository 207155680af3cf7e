s/^\tldmxcsr\tGOBUF_REGS+40+buf;/\tnop;/
