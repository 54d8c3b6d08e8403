/* Not C: the scan skips it. */
