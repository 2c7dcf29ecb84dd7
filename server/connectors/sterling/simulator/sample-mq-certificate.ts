// A throwaway self-signed client certificate and key (EC P-256, valid until 2126) for the built-in simulator's IBM MQ
// account. The MQ mode always asks for a client certificate (App Connect's channels require one), but the built-in
// mqweb is reached over plain HTTP on the app's own port and never asks for it, so this pair only fills the form.
// It protects nothing: never use it for a real queue manager.
export const SAMPLE_MQ_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBrzCCAVWgAwIBAgIURQpMgA/kiu9qaak9EYRXrgEMYSYwCgYIKoZIzj0EAwIw
LDEqMCgGA1UEAwwhY29uZmx1eC1zdGVybGluZy1zaW11bGF0b3Itc2FtcGxlMCAX
DTI2MTIwNjA2NDk1N1oYDzIxMjYxMTEyMDY0OTU3WjAsMSowKAYDVQQDDCFjb25m
bHV4LXN0ZXJsaW5nLXNpbXVsYXRvci1zYW1wbGUwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASbDfxIIrpv0H5OnNbZjCndNKJfjdXNqMZ2Cg9sMFsef+71V7yv7ADz
LHnCeKtiKlzAKRV83x02MCSIfTiBsv2Oo1MwUTAdBgNVHQ4EFgQUOcS2LwRMYlKZ
Az8fmrIiY8xZP7YwHwYDVR0jBBgwFoAUOcS2LwRMYlKZAz8fmrIiY8xZP7YwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBgf++ia+4GNaR4v8asQ5mz
BLX9yveIh2mzPWLXVN4PiAIhAMEQehtfQND9tODCW/kfxKj+z4Tcq+ziYP92TwrD
SwVW
-----END CERTIFICATE-----
`;

export const SAMPLE_MQ_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAw7xZScwEpk9rEzb
6hMDh3gWSljTX01CgKfDfbx+NsqhRANCAASbDfxIIrpv0H5OnNbZjCndNKJfjdXN
qMZ2Cg9sMFsef+71V7yv7ADzLHnCeKtiKlzAKRV83x02MCSIfTiBsv2O
-----END PRIVATE KEY-----
`;
