s/"ld %0, 0(tp)"/"ld %0, 0(gp)"/
