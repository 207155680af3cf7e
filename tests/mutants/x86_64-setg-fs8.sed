s/mov %0, %%fs:0"/mov %0, %%fs:8"/
