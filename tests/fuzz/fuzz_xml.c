/*
 * libFuzzer driver: the Open311 XML writer (open311_xml).  The bytes
 * become a request's description, as open311_str makes it from the
 * database; the document written must parse with a real XML parser
 * (libxml2) and give back the text, with U+FFFD only where XML 1.0 cannot
 * hold a character (lib/utf8.h) and line ends as XML normalises them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "open311int.h"
#include "utf8.h"

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	return 0;
}

/* s with CR LF and a lone CR as LF, as an XML parser reads them. */
static void
xml_eol(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++) {
		if (*s == '\r') {
			*d++ = '\n';
			if (s[1] == '\n')
				s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = { NULL, 0, 0, false };
	json_t		*root, *req, *v;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlChar		*text;
	char		*s, *want;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	root = json_array();
	req = json_object();
	v = open311_str(s);
	if (root == NULL || req == NULL || v == NULL ||
	    json_object_set(req, "description", v) == -1 ||
	    json_array_append(root, req) == -1)
		goto out;
	open311_xml(&b, "service_requests", root);
	if (b.oom || b.p == NULL)
		goto out;
	doc = xmlReadMemory(b.p, (int)b.len, "requests.xml", NULL,
	    XML_PARSE_NONET);
	if (doc == NULL)
		abort();		/* not well-formed */
	/* service_requests > request > description */
	n = xmlDocGetRootElement(doc);
	for (n = n->children; n != NULL && n->type != XML_ELEMENT_NODE;
	    n = n->next)
		;
	if (n == NULL)
		abort();
	for (n = n->children; n != NULL && n->type != XML_ELEMENT_NODE;
	    n = n->next)
		;
	if (n == NULL || strcmp((const char *)n->name, "description") != 0)
		abort();
	text = xmlNodeGetContent(n);
	if ((want = utf8_xml_clean(json_string_value(v))) != NULL) {
		xml_eol(want);
		if (text == NULL || strcmp((const char *)text, want) != 0)
			abort();	/* the text did not come back */
		free(want);
	}
	xmlFree(text);
	xmlFreeDoc(doc);
out:
	buf_free(&b);
	json_decref(v);
	json_decref(req);
	json_decref(root);
	free(s);
	return 0;
}
