s/if (sp & 15)/if (!(sp \& 15))/
