s/(gp + G_STACKGUARD0)/(gp + G_STACKLO)/
