-- The address that answered after redirects: the base of the article's relative links, and where its bytes came from.
alter table article_capture add column final_url varchar(2000);
