/*
 * bcryptprimitives.dll shim for Wine < 9.
 *
 * Why this exists: since Go 1.22 the Windows runtime gets its random bytes
 * from ProcessPrng in bcryptprimitives.dll and aborts at start-up when it
 * cannot load it. Wine 8.0 (Debian 12) ships no bcryptprimitives.dll, so every
 * Go binary, test binaries included, dies before main. This tiny DLL exports
 * ProcessPrng implemented on top of RtlGenRandom (advapi32!SystemFunction036),
 * which Wine 8 does provide. build/install.sh builds it with mingw-w64 and
 * copies it into the Wine prefix's system32, but only when the prefix has no
 * bcryptprimitives.dll of its own (Wine >= 9 ships a real one).
 *
 * It is never used on real Windows.
 */
#include <windows.h>

/* RtlGenRandom; the SDK headers only declare it under that macro name. */
BOOLEAN WINAPI SystemFunction036(PVOID RandomBuffer, ULONG RandomBufferLength);

/* Marker that build/install.sh greps for to recognise its own DLL. */
__attribute__((used)) static const char wincgo_marker[] = "wincgo-processprng-shim";

BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
{
    while (cbData > 0) {
        /* RtlGenRandom takes a ULONG length: feed it in chunks. */
        ULONG chunk = cbData > 0x10000000 ? 0x10000000 : (ULONG)cbData;
        if (!SystemFunction036(pbData, chunk))
            return FALSE;
        pbData += chunk;
        cbData -= chunk;
    }
    return TRUE;
}
