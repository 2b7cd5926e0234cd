//! Drawing the laid-out pages into a tagged PDF: the operations of `typeset::Layout`
//! become krilla's content, its `Begin`/`End` roles the tag tree (in reading order; rules,
//! shading, bars and footers as artifacts) and the outline; the document is checked as
//! PDF/UA-1 and PDF/A-2a, and refused ([`PdfError::NotAccessible`]) if it fails.
//!
//! One concept: the laid-out pages drawn into the tagged PDF; kept whole because the
//! drawing, the tag tree it builds (`Structure`) and the accessibility check are one pass
//! over the pages, and split they would hand the surface and the structure between files.

use super::error::PdfError;
use super::fonts::*;
use super::typeset::*;
use chrono::Datelike;
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

pub(super) fn fill(colour: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }
}

/// A chart the pages place by index: its drawing, its title (named in an error) and its text
/// alternative, the words a screen reader says for it (the same as on the screen).
pub(super) struct Figure<'a> {
    pub(super) tree: &'a usvg::Tree,
    pub(super) title: &'a str,
    pub(super) alt: &'a str,
}

/// What the document says of itself: its title (shown in the viewer's title bar) and the
/// day it was made (PDF/A asks for a date; the summary's own, not the clock's).
pub(super) struct About<'a> {
    pub(super) title: &'a str,
    pub(super) made_on: chrono::NaiveDate,
}

/// The summary is English.
const LANGUAGE: &str = "en";

/// The tag tree and the outline, built from the pages' `Begin`/`End` operations in order,
/// across pages (a paragraph or table that goes on to the next page stays one element).
#[derive(Default)]
struct Structure {
    tree: TagTree,
    /// The open elements, innermost last, with their roles.
    open: Vec<(Role, TagGroup)>,
    /// Inside an artifact: its kind, and how many `Begin`s deep (nested ones are not tags).
    artifact: Option<(ArtifactType, usize)>,
    /// A heading whose text is still to come: its place is the outline entry's destination.
    heading: Option<(u16, String)>,
    /// The outline's open entries, by heading level, innermost last.
    outline_open: Vec<(u16, OutlineNode)>,
    outline: Outline,
}

impl Structure {
    fn begin(&mut self, role: Role, figures: &[Figure]) {
        if let Some((_, depth)) = &mut self.artifact {
            *depth += 1;
            return;
        }
        let tag: TagKind = match &role {
            Role::Artifact(p) => {
                let kind = match p {
                    Pagination::Footer => ArtifactType::Footer,
                    Pagination::Repeated => ArtifactType::PaginationOther,
                };
                self.artifact = Some((kind, 1));
                return;
            }
            Role::Heading(level, title) => {
                self.heading = Some((*level, title.clone()));
                let level = std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN);
                Tag::Hn(level, Some(title.clone())).into()
            }
            Role::Paragraph => Tag::P.into(),
            Role::List => Tag::L(ListNumbering::Disc).into(),
            Role::ListItem => Tag::LI.into(),
            Role::ListLabel => Tag::Lbl.into(),
            Role::ListBody => Tag::LBody.into(),
            Role::Table => Tag::Table.into(),
            Role::TableHead => Tag::THead.into(),
            Role::TableBody => Tag::TBody.into(),
            Role::Row => Tag::TR.into(),
            Role::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            Role::Cell => Tag::TD.into(),
            Role::Figure(index) => {
                let alt = figures.get(*index).map(|f| f.alt.to_string());
                Tag::Figure(alt).into()
            }
        };
        self.open.push((role, TagGroup::new(tag)));
    }

    fn end(&mut self) {
        if let Some((_, depth)) = &mut self.artifact {
            *depth -= 1;
            if *depth == 0 {
                self.artifact = None;
            }
            return;
        }
        if let Some((_, group)) = self.open.pop() {
            self.attach(group);
        }
    }

    fn attach(&mut self, group: TagGroup) {
        match self.open.last_mut() {
            Some((_, parent)) => parent.push(group),
            None => self.tree.push(group),
        }
    }

    /// How content drawn now is marked: as an artifact (decoration, or inside an artifact
    /// element), or as content of the innermost element.
    fn artifact_kind(&self, decoration: bool) -> Option<ArtifactType> {
        match self.artifact {
            Some((kind, _)) => Some(kind),
            None if decoration => Some(ArtifactType::Layout),
            None => None,
        }
    }

    /// Files marked content under the innermost element; text outside any element, or
    /// directly in a list, table or row, becomes a paragraph of its own.
    fn content(&mut self, id: Identifier) {
        let container = matches!(
            self.open.last(),
            None | Some((
                Role::List
                    | Role::ListItem
                    | Role::Table
                    | Role::TableHead
                    | Role::TableBody
                    | Role::Row,
                _
            ))
        );
        if container {
            self.attach(TagGroup::with_children(Tag::P, vec![id.into()]));
        } else if let Some((_, group)) = self.open.last_mut() {
            group.push(id);
        }
    }

    /// A heading's text is being drawn at `at` on `page`: its outline entry points there.
    fn place_heading(&mut self, page: usize, at: Point) {
        let Some((level, title)) = self.heading.take() else {
            return;
        };
        self.close_outline(level);
        let node = OutlineNode::new(title, XyzDestination::new(page, at)).with_open(true);
        self.outline_open.push((level, node));
    }

    /// Closes the outline entries at `level` or deeper, each into its parent.
    fn close_outline(&mut self, level: u16) {
        while self.outline_open.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, node)) = self.outline_open.pop() {
                match self.outline_open.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => self.outline.push_child(node),
                }
            }
        }
    }

    fn finish(mut self) -> (TagTree, Outline) {
        while let Some((_, group)) = self.open.pop() {
            self.attach(group);
        }
        self.close_outline(0);
        (
            self.tree.with_lang(Some(LANGUAGE.to_string())),
            self.outline,
        )
    }
}

/// Draws `draw` as marked content: an artifact, or tagged content under the structure.
fn marked<R>(
    surface: &mut Surface,
    structure: &mut Structure,
    artifact: Option<ArtifactType>,
    content: ContentTag,
    draw: impl FnOnce(&mut Surface) -> R,
) -> R {
    match artifact {
        Some(kind) => {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
            let r = draw(surface);
            surface.end_tagged();
            r
        }
        None => {
            let id = surface.start_tagged(content);
            let r = draw(surface);
            surface.end_tagged();
            structure.content(id);
            r
        }
    }
}

/// The validators' reasons for refusing the document, for the log.
fn reasons(
    errors: &[(
        krilla::configure::ValidationError,
        krilla::configure::Validators,
    )],
) -> String {
    errors
        .iter()
        .map(|(error, validators)| {
            let by: Vec<&str> = validators.into_iter().map(|v| v.as_str()).collect();
            format!("{error:?} ({})", by.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Draws laid-out `pages` on `paper` as a tagged PDF, checked as PDF/UA-1 and PDF/A-2a;
/// `figures` are the charts the pages' chart operations name by index. A document that
/// fails the check is not returned ([`PdfError::NotAccessible`]).
pub(super) fn write_pdf(
    pages: Vec<Vec<Op>>,
    paper: Paper,
    faces: &Faces,
    figures: &[Figure],
    about: &About,
) -> Result<Vec<u8>, PdfError> {
    // PDF/UA-1, so a screen reader can read it; and PDF/A-2a, to keep: its "a" (accessible)
    // level asks for the same tagged structure, language and text alternatives, which the
    // summary has, so it is preferred to -2u or -2b. Both allow PDF 1.7; PDF/A-3 would only
    // add embedded files, which the summary has none of.
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .with_archival_validator(Archival::A2_A)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let mut doc = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let date = about.made_on;
    doc.set_metadata(
        Metadata::new()
            .title(about.title.to_string())
            .language(LANGUAGE.to_string())
            .creator("Taper Journal".to_string())
            .creation_date(
                DateTime::new(u16::try_from(date.year()).unwrap_or(0))
                    .month(u8::try_from(date.month()).unwrap_or(1))
                    .day(u8::try_from(date.day()).unwrap_or(1)),
            ),
    );
    let mut structure = Structure::default();
    let (w, h) = paper.size();
    for (page_index, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| PdfError::Write("invalid page size".to_string()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Begin(role) => structure.begin(role, figures),
                Op::End => structure.end(),
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    colour,
                    text,
                } => {
                    let face = faces.get(bold);
                    let stand_in = drawable(face, &text);
                    let artifact = structure.artifact_kind(false);
                    if artifact.is_none() {
                        structure.place_heading(page_index, Point::from_xy(x, y - size));
                    }
                    let span =
                        SpanTag::empty().with_actual_text(stand_in.as_ref().map(|_| text.as_str()));
                    marked(
                        &mut surface,
                        &mut structure,
                        artifact,
                        ContentTag::Span(span),
                        |surface| {
                            surface.set_fill(Some(fill(colour)));
                            surface.draw_text(
                                Point::from_xy(x, y),
                                face.font.clone(),
                                size,
                                stand_in.as_deref().unwrap_or(&text),
                                false,
                                TextDirection::Auto,
                            );
                        },
                    );
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    colour,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y1);
                    pb.line_to(x2, y2);
                    if let Some(path) = pb.finish() {
                        let artifact = structure.artifact_kind(true);
                        marked(
                            &mut surface,
                            &mut structure,
                            artifact,
                            ContentTag::Other,
                            |surface| {
                                surface.set_fill(None);
                                surface.set_stroke(Some(Stroke {
                                    paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                                    width,
                                    ..Stroke::default()
                                }));
                                surface.draw_path(&path);
                                surface.set_stroke(None);
                            },
                        );
                    }
                }
                Op::Rect { x, y, w, h, colour } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        let artifact = structure.artifact_kind(true);
                        marked(
                            &mut surface,
                            &mut structure,
                            artifact,
                            ContentTag::Other,
                            |surface| {
                                surface.set_stroke(None);
                                surface.set_fill(Some(fill(colour)));
                                surface.draw_path(&path);
                            },
                        );
                    }
                }
                Op::Chart { index, x, y, w, h } => {
                    let (Some(figure), Some(size)) = (figures.get(index), Size::from_wh(w, h))
                    else {
                        continue;
                    };
                    // A chart placed outside `Layout::chart` is a figure all the same.
                    let own = !matches!(structure.open.last(), Some((Role::Figure(_), _)));
                    if own {
                        structure.begin(Role::Figure(index), figures);
                    }
                    if let Some((_, group)) = structure.open.last_mut() {
                        if let TagKind::Figure(tag) = &mut group.tag {
                            let bbox = krilla::geom::Rect::from_xywh(x, y, w, h)
                                .map(|r| BBox::new(page_index, r));
                            tag.set_bbox(bbox);
                        }
                    }
                    let artifact = structure.artifact_kind(false);
                    let drawn = marked(
                        &mut surface,
                        &mut structure,
                        artifact,
                        ContentTag::Other,
                        |surface| {
                            surface.push_transform(&Transform::from_translate(x, y));
                            let drawn = surface.draw_svg(figure.tree, size, SvgSettings::default());
                            surface.pop();
                            drawn
                        },
                    );
                    if own {
                        structure.end();
                    }
                    if drawn.is_none() {
                        return Err(PdfError::Chart(
                            figure.title.to_string(),
                            "krilla-svg could not draw it".to_string(),
                        ));
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    let (tree, outline) = structure.finish();
    doc.set_tag_tree(tree);
    doc.set_outline(outline);
    doc.finish().map_err(|e| match e {
        KrillaError::Validation(errors) => PdfError::NotAccessible(reasons(&errors)),
        other => PdfError::Write(format!("{other:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn faces() -> Faces {
        Faces {
            regular: Face::new(REGULAR).unwrap(),
            bold: Face::new(BOLD).unwrap(),
        }
    }

    fn tree() -> usvg::Tree {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="10" y="10" width="50" height="50" fill="blue"/></svg>"#;
        usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap()
    }

    /// A heading, a paragraph, two bullets and a chart whose text alternative is `alt`.
    fn document(alt: &str) -> Result<Vec<u8>, PdfError> {
        let faces = faces();
        let tree = tree();
        let mut l = Layout::new(&faces, Paper::A4);
        l.paragraph(
            "A title",
            Style {
                size: TITLE_SIZE,
                bold: true,
                colour: INK,
            },
        );
        l.heading("A section", 20.0);
        l.paragraph("Some words.", BODY);
        l.bullet("One", BODY);
        l.bullet("Two", BODY);
        l.chart(0, "A chart", (200.0, 100.0));
        l.footers("A footer");
        let figures = [Figure {
            tree: &tree,
            title: "A chart",
            alt,
        }];
        let about = About {
            title: "A title",
            made_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        };
        write_pdf(l.pages, Paper::A4, &faces, &figures, &about)
    }

    #[test]
    fn a_chart_with_its_text_alternative_makes_a_conforming_pdf() {
        let bytes = document("A blue square.").unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"));
    }

    #[test]
    fn a_chart_without_a_text_alternative_is_refused_with_a_calm_message_and_the_reason() {
        let e = document("").unwrap_err();
        assert!(matches!(e, PdfError::NotAccessible(_)), "{e:?}");
        assert_eq!(
            e.to_string(),
            "The summary could not be made as an accessible PDF, so no file was saved. Your \
             journal is unchanged."
        );
        let reason = e.reason().unwrap();
        assert!(reason.contains("MissingAltText"), "{reason}");
        assert!(reason.contains("PDF/UA-1"), "{reason}");
    }

    #[test]
    fn a_character_the_font_lacks_is_drawn_as_a_stand_in_and_kept_as_actual_text() {
        let faces = faces();
        assert_eq!(drawable(&faces.regular, "Alex Example"), None);
        assert_eq!(
            drawable(&faces.regular, "Alex 李").as_deref(),
            Some("Alex \u{FFFD}")
        );
        // Both faces have the stand-in (the charts' text may be bold).
        assert_eq!(
            drawable(&faces.bold, "Alex 李").as_deref(),
            Some("Alex \u{FFFD}")
        );
        let mut l = Layout::new(&faces, Paper::A4);
        l.heading("A section", 20.0);
        l.paragraph("李明", BODY);
        l.footers("A footer");
        let about = About {
            title: "A title",
            made_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        };
        assert!(write_pdf(l.pages, Paper::A4, &faces, &[], &about).is_ok());
    }

    #[test]
    fn chart_words_the_font_lacks_are_drawn_as_stand_ins() {
        let faces = faces();
        let options = usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: chart_fonts(),
            ..usvg::Options::default()
        };
        // A medication or symptom name the person typed, in a script DejaVu Sans lacks.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50" font-family="sans-serif" font-size="12">Tremor 李明 🙂 ≈ 2–3</text></svg>"#;
        let drawable = drawable_svg(&faces, svg);
        assert!(
            drawable.contains("Tremor \u{FFFD}\u{FFFD} \u{FFFD} ≈ 2–3"),
            "{drawable}"
        );
        assert!(matches!(
            drawable_svg(&faces, "<text>≈ 2–3 µg</text>"),
            Cow::Borrowed(_)
        ));
        let tree = usvg::Tree::from_str(&drawable, &options).unwrap();
        let mut l = Layout::new(&faces, Paper::A4);
        l.heading("A section", 20.0);
        l.chart(0, "A chart", (200.0, 100.0));
        let figures = [Figure {
            tree: &tree,
            title: "A chart",
            alt: "Tremor 李明",
        }];
        let about = About {
            title: "A title",
            made_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        };
        assert!(write_pdf(l.pages, Paper::A4, &faces, &figures, &about).is_ok());
    }
}
