s/"mv %0, tp"/"mv %0, gp"/
