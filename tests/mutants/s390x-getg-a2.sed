s/ear %0, %%a1"/ear %0, %%a2"/
