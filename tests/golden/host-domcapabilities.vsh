# modes: text json
# The test driver has no domain capabilities: the golden records the error.
domcapabilities
