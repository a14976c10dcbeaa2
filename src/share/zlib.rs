//! zlib streams (RFC 1950: a deflate stream, RFC 1951, with a 2-byte header and an Adler-32
//! checksum of the uncompressed data), by `miniz_oxide`, with the decompressed size capped.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

use super::LinkError;

/// The compression level: miniz's highest ("uber"). Links are small, so its extra time is a
/// fraction of a millisecond, and every byte saved is 4/3 of a character in the link.
const LEVEL: u8 = 10;

/// `data` as a zlib stream.
pub(crate) fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, LEVEL)
}

/// The data of the zlib stream `input`, which must be exactly one whole stream whose data is at
/// most `limit` bytes.
///
/// # Errors
/// [`LinkError::Truncated`] when the stream ends early, [`LinkError::TooLarge`] past `limit`,
/// [`LinkError::Corrupt`] for a bad header or block, a checksum mismatch, or bytes after the
/// stream's end.
pub(crate) fn decompress_limited(input: &[u8], limit: usize) -> Result<Vec<u8>, LinkError> {
    match input {
        [] | [_] => return Err(LinkError::Truncated),
        [cmf, flg, ..] if !header_ok(*cmf, *flg) => {
            return Err(LinkError::Corrupt {
                detail: "its header is invalid",
            });
        }
        _ => {}
    }
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    // Start at a typical ratio and double as needed, never past the limit.
    let mut out = vec![0_u8; input.len().saturating_mul(4).max(256).min(limit.max(1))];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (mut in_pos, mut out_pos) = (0_usize, 0_usize);
    loop {
        let rest = input.get(in_pos..).unwrap_or_default();
        let (status, consumed, written) =
            decompress(&mut decompressor, rest, &mut out, out_pos, flags);
        in_pos = in_pos.saturating_add(consumed);
        out_pos = out_pos.saturating_add(written);
        match status {
            TINFLStatus::Done => {
                if in_pos < input.len() {
                    return Err(LinkError::Corrupt {
                        detail: "there are bytes after its end",
                    });
                }
                if out_pos > limit {
                    return Err(LinkError::TooLarge { limit });
                }
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(LinkError::TooLarge { limit });
                }
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(LinkError::Truncated);
            }
            TINFLStatus::Adler32Mismatch => {
                return Err(LinkError::Corrupt {
                    detail: "its checksum does not match",
                });
            }
            _ => {
                return Err(LinkError::Corrupt {
                    detail: "its blocks are invalid",
                });
            }
        }
    }
}

/// Whether `cmf`, `flg` open a zlib stream this codec reads (RFC 1950, section 2.2): deflate
/// with a window of at most 32 KiB, a correct header check, and no preset dictionary.
fn header_ok(cmf: u8, flg: u8) -> bool {
    let deflate = cmf & 0x0F == 8 && cmf >> 4 <= 7;
    let check = ((u16::from(cmf) << 8) | u16::from(flg)) % 31 == 0;
    let no_dictionary = flg & 0x20 == 0;
    deflate && check && no_dictionary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let data = b"setTimeout(() => console.log('task'), 0);".repeat(20);
        let packed = compress(&data);
        assert!(packed.len() < data.len() / 4);
        assert_eq!(decompress_limited(&packed, 1 << 20), Ok(data.clone()));
        // Exactly at the limit is fine; one byte less is too large.
        assert_eq!(decompress_limited(&packed, data.len()), Ok(data.clone()));
        assert_eq!(
            decompress_limited(&packed, data.len() - 1),
            Err(LinkError::TooLarge {
                limit: data.len() - 1
            })
        );
    }

    #[test]
    fn damage_is_reported() {
        let packed = compress(b"console.log('hello, world')");
        assert_eq!(
            decompress_limited(&packed[..packed.len() - 5], 1 << 20),
            Err(LinkError::Truncated)
        );
        assert_eq!(decompress_limited(&[], 1 << 20), Err(LinkError::Truncated));
        let mut checksum = packed.clone();
        let last = checksum.len() - 1;
        checksum[last] ^= 1;
        assert!(matches!(
            decompress_limited(&checksum, 1 << 20),
            Err(LinkError::Corrupt { detail }) if detail.contains("checksum")
        ));
        let mut trailing = packed.clone();
        trailing.push(0);
        assert!(matches!(
            decompress_limited(&trailing, 1 << 20),
            Err(LinkError::Corrupt { detail }) if detail.contains("after")
        ));
        assert!(matches!(
            decompress_limited(&[0xFF, 0xFF, 1, 2, 3], 1 << 20),
            Err(LinkError::Corrupt { .. })
        ));
    }

    #[test]
    fn zip_bomb_is_stopped() {
        let bomb = compress(&vec![b' '; 8 << 20]);
        assert!(bomb.len() < 16 << 10);
        assert_eq!(
            decompress_limited(&bomb, 1 << 20),
            Err(LinkError::TooLarge { limit: 1 << 20 })
        );
    }
}
