//! The summary's embedded fonts (DejaVu Sans, regular and bold): measured with skrifa,
//! drawn by krilla, given to usvg for the charts; and what to draw for a character they
//! lack (PDF/UA and PDF/A forbid the empty .notdef glyph).

use super::error::PdfError;
use krilla::text::Font;
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::{FontRef, MetadataProvider};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// DejaVu Sans 2.37 (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt).
pub(super) static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// The family name inside those files; the chart SVGs ask for "sans-serif".
pub(super) const FAMILY: &str = "DejaVu Sans";

/// A font for drawing (krilla) and for measuring (skrifa), from the same bytes.
pub(super) struct Face {
    pub(super) font: Font,
    pub(super) measure: FontRef<'static>,
    pub(super) units_per_em: f32,
}

impl Face {
    pub(super) fn new(data: &'static [u8]) -> Result<Face, PdfError> {
        let font = Font::new(data.into(), 0).ok_or(PdfError::Font)?;
        let measure = FontRef::new(data).map_err(|_| PdfError::Font)?;
        let units_per_em = f32::from(
            measure
                .metrics(FontSize::unscaled(), LocationRef::default())
                .units_per_em,
        )
        .max(1.0);
        Ok(Face {
            font,
            measure,
            units_per_em,
        })
    }

    /// Width of `text` at `size` points (advances only; kerning changes it by a hair).
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.measure.charmap();
        let metrics = self
            .measure
            .glyph_metrics(FontSize::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

pub(super) struct Faces {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

impl Faces {
    pub(super) fn get(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// The chart fonts: only the embedded ones, with DejaVu Sans as the sans-serif family
/// (usvg drops text whose family it cannot find).
pub(super) fn chart_fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(REGULAR)));
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(BOLD)));
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// `text` as `face` can draw it: a character the font lacks (a name in a script DejaVu Sans
/// does not cover) is drawn as U+FFFD, since PDF/UA and PDF/A forbid the empty .notdef
/// glyph; the words themselves stay as the text's actual text. `None`: nothing was missing.
pub(super) fn drawable(face: &Face, text: &str) -> Option<String> {
    let charmap = face.measure.charmap();
    let has = |c: char| charmap.map(c).is_some_and(|g| g.to_u32() != 0);
    if text.chars().all(|c| c.is_whitespace() || has(c)) {
        return None;
    }
    let stand_in = if has('\u{FFFD}') { '\u{FFFD}' } else { '?' };
    Some(
        text.chars()
            .map(|c| {
                if c.is_whitespace() || has(c) {
                    c
                } else {
                    stand_in
                }
            })
            .collect(),
    )
}

/// A chart's SVG with every character DejaVu Sans lacks (in a medication or symptom name
/// the person typed) as U+FFFD, for the same reason as [`drawable`]; the words stay whole in
/// the chart's text alternative. The SVG's markup is ASCII, so only text is changed.
pub(super) fn drawable_svg<'s>(faces: &Faces, svg: &'s str) -> Cow<'s, str> {
    let (regular, bold) = (
        faces.regular.measure.charmap(),
        faces.bold.measure.charmap(),
    );
    let has = |c: char| {
        c.is_ascii()
            || c.is_whitespace()
            || [&regular, &bold]
                .iter()
                .all(|m| m.map(c).is_some_and(|g| g.to_u32() != 0))
    };
    if svg.chars().all(has) {
        return Cow::Borrowed(svg);
    }
    Cow::Owned(
        svg.chars()
            .map(|c| if has(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}
