#[path = "extract/model.rs"]
mod model;
pub use model::*;
pub struct Gazetteer {
    e: Vec<Entity>,
}
impl Gazetteer {
    pub fn from_toml(_: &str) -> Result<Self, ExtractError> {
        Ok(Gazetteer { e: vec![] })
    }
    pub fn entities(&self) -> &[Entity] {
        &self.e
    }
    pub fn get(&self, _key: &str) -> Option<&Entity> {
        None
    }
    pub fn find_mentions(&self, _s: &str) -> Vec<Mention> {
        vec![]
    }
    pub fn resolve(&self, _q: &str, _k: Option<&[EntityKind]>) -> Resolution {
        Resolution::Unknown { closest: vec![] }
    }
}
pub struct TopicLexicon {
    t: Vec<Topic>,
}
impl TopicLexicon {
    pub fn from_toml(_: &str) -> Result<Self, ExtractError> {
        Ok(TopicLexicon { t: vec![] })
    }
    pub fn topics(&self) -> &[Topic] {
        &self.t
    }
    pub fn classify(&self, _s: &str) -> Vec<String> {
        vec![]
    }
    pub fn resolve(&self, _q: &str) -> Option<String> {
        None
    }
}
pub fn parse_document(_t: &str, _g: &Gazetteer, _l: &TopicLexicon) -> ParsedDocument {
    ParsedDocument::default()
}
