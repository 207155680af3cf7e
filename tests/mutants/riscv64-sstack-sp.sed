/^\taddi\tsp, sp, 32$/d
