s/^\tmov\tGOBUF_REGS+0+buf, %rbx;/\tnop;/
