# Reference values for LtHashTest, from an implementation independent of ours: the expansion by the OpenSSL
# command line (aes-256-ctr), the lanes and sums in Python. Run: python3 lthash16_openssl.py
import hashlib, subprocess, struct
K = hashlib.sha256(b"wallet-backup/v3/lthash16").hexdigest()
def ctr(iv):
    return subprocess.run(["openssl","enc","-aes-256-ctr","-K",K,"-iv",iv.hex(),"-nosalt","-nopad"],input=bytes(2048),capture_output=True,check=True).stdout
def X(e):
    h=hashlib.sha256(e).digest()
    a=ctr(h[:16]); b=ctr(h[16:])
    return bytes(x^y for x,y in zip(a,b))
def lanes(bs): return list(struct.unpack('<1024H',bs))
def pack(l): return struct.pack('<1024H',*l)
e1=b'wallet\x1f{"agentId":"agent-1","createdAt":1700000000000,"derivationIndex":0,"evmAddress":"0x0000000000000000000000000000000000000001","updatedAt":1700000000000,"xrpAddress":"rEXAMPLE"}'
e2=b'balance\x1f{"agentId":"agent-1","balance":"1000000000000000000","chain":"evm","decimals":18,"lastUpdated":1700000000000,"token":"ETH"}'
x1=X(e1); x2=X(e2)
s=[(a+b)%65536 for a,b in zip(lanes(x1),lanes(x2))]
print("K", K)
print("X1 first32", x1[:32].hex())
print("X1 last32", x1[-32:].hex())
print("X1 sha256", hashlib.sha256(x1).hexdigest())
print("sum sha256 (state digest)", hashlib.sha256(pack(s)).hexdigest())
d=[(a-b)%65536 for a,b in zip(lanes(x1),lanes(x2))]
print("x1-x2 digest", hashlib.sha256(pack(d)).hexdigest())
print("empty digest", hashlib.sha256(bytes(2048)).hexdigest())
