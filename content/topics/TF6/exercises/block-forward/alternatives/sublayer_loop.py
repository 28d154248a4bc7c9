"""The block as a list of (LayerNorm, sub-layer) pairs, each read through its norm and added to the stream;
every intermediate stream is kept, and the last two are returned (as a list, which is fine too)."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp):
    streams = [resid_pre]
    for norm, sublayer in ((ln1, attn), (ln2, mlp)):
        streams.append(torch.add(streams[-1], sublayer(norm(streams[-1]))))
    return streams[1:]
