//! A run's start instant as people write it (`--start-time`, the page's Options menu, an embed's
//! `start`): see [`crate::RuntimeOptions::start_time`].

use time::{
    Date, OffsetDateTime, format_description::well_known::Iso8601, macros::format_description,
};

/// Milliseconds since the Unix epoch from an ISO 8601 instant (`2024-05-01T12:00:00Z`, with an
/// offset or fractional seconds), a date (`2024-05-01`, midnight UTC) or a number of
/// milliseconds since the epoch.
pub fn parse_start_time(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if let Ok(ms) = text.parse::<f64>()
        && ms.is_finite()
    {
        return Ok(ms);
    }
    if let Ok(instant) = OffsetDateTime::parse(text, &Iso8601::DEFAULT) {
        return Ok((instant.unix_timestamp_nanos() / 1_000_000) as f64);
    }
    if let Ok(date) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        return Ok((date.midnight().assume_utc().unix_timestamp() * 1000) as f64);
    }
    Err(format!(
        "'{text}' is neither an ISO 8601 instant (2024-05-01T12:00:00Z, 2024-05-01) nor \
         milliseconds since the Unix epoch"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_dates_and_milliseconds_are_accepted() {
        assert_eq!(
            parse_start_time("2024-01-01T00:00:00Z"),
            Ok(1_704_067_200_000.0)
        );
        assert_eq!(
            parse_start_time("2024-01-01T02:00:00.250+02:00"),
            Ok(1_704_067_200_250.0)
        );
        assert_eq!(parse_start_time("2024-01-01"), Ok(1_704_067_200_000.0));
        assert_eq!(parse_start_time("0"), Ok(0.0));
        assert_eq!(parse_start_time("1700000000000"), Ok(1_700_000_000_000.0));
        assert!(parse_start_time("yesterday").is_err());
        assert!(parse_start_time("NaN").is_err());
    }
}
