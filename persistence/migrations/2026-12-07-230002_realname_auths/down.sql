DROP TABLE realname_auths;
